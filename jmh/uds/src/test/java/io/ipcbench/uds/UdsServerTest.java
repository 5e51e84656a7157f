package io.ipcbench.uds;

import io.ipcbench.link.Server;
import io.ipcbench.peer.ServerContract;

/** The request/response contract over Unix domain STREAM sockets, its server waiting with epoll. */
class UdsServerTest extends ServerContract {
    @Override
    protected Server server() {
        return new UdsServer();
    }
}
