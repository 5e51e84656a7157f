package io.ipcbench.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** What an attacker puts at a name before the trial creates it, and how to tell later that it was not touched. */
enum Plant {
    REGULAR_FILE("printf 'planted\\n' > \"$1\""),
    SYMLINK_TO_VICTIM_FILE("ln -s \"$2\" \"$1\""),
    SYMLINK_TO_VICTIM_FOLDER("ln -s \"$(dirname \"$2\")\" \"$1\""),
    FIFO("mkfifo -m 0666 \"$1\""),
    FOLDER("mkdir -m 0777 \"$1\""),
    LISTENING_SOCKET("python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' \"$1\"");

    /** A sh script: $1 the name to plant at, $2 the victim's file. */
    final String script;

    Plant(String script) {
        this.script = script;
    }

    /** Inode, type and mode, owner, size, modification time and link target, none of them followed through a link. */
    record Snapshot(Map<String, Object> attributes, String linkTarget) {}

    static Snapshot snapshot(Path name) {
        try {
            Map<String, Object> attributes = new TreeMap<>(Files.readAttributes(name, "unix:ino,mode,uid,size,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS));
            String target = Files.isSymbolicLink(name) ? Files.readSymbolicLink(name).toString() : null;
            return new Snapshot(attributes, target);
        } catch (IOException e) {
            throw new UncheckedIOException("the planted object at " + name + " is gone", e);
        }
    }
}
