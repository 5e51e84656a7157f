package io.ipcbench.tcp;

import io.ipcbench.link.Server;
import io.ipcbench.peer.ServerContract;

/** The request/response contract over TCP loopback, its server waiting with epoll. */
class TcpServerTest extends ServerContract {
    @Override
    protected Server server() {
        return new TcpServer();
    }
}
