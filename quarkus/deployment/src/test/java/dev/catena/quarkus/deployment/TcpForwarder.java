package dev.catena.quarkus.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A port on 127.0.0.1 where nothing listens until {@link #start()}; from then on every connection is
 * forwarded to a real server. Lets a test see a database that is down at start come up later.
 */
final class TcpForwarder implements AutoCloseable {

    private final int port;
    private final int targetPort;
    private volatile ServerSocket server;

    /**
     * A forwarder from a free port (released at once, so connections to it are refused) to {@code targetPort}.
     * The port is kept in the system property {@code key}, so that the test class loaded again by
     * Quarkus' class loader forwards the port the application was configured with.
     */
    TcpForwarder(String key, int targetPort) {
        this.targetPort = targetPort;
        String reserved = System.getProperty(key);
        if (reserved == null) {
            reserved = String.valueOf(freePort());
            System.setProperty(key, reserved);
        }
        this.port = Integer.parseInt(reserved);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return port;
    }

    /** Starts listening and forwarding. */
    void start() throws IOException {
        ServerSocket s = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        server = s;
        Thread.ofVirtual().start(() -> {
            while (!s.isClosed()) {
                try {
                    Socket client = s.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // closed, or the target refused: the client sees its connection dropped
                }
            }
        });
    }

    private static void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        });
    }

    @Override
    public void close() throws IOException {
        if (server != null) server.close();
    }
}
