package dev.swarmlab.agent.serve;

import dev.swarmlab.agent.Identity;
import dev.swarmlab.agent.Json;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** UDP responder: answers every datagram with the agent's identity and the datagram's text. */
public final class UdpResponder implements AutoCloseable {
    private final DatagramSocket socket;

    public UdpResponder(int port, Identity identity, ExecutorService threads) throws IOException {
        socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(port));
        threads.execute(() -> {
            byte[] buffer = new byte[65535];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket request = new DatagramPacket(buffer, buffer.length);
                    socket.receive(request);
                    Map<String, Object> reply = new LinkedHashMap<>(Json.identity(identity));
                    reply.put("echo", new String(request.getData(), 0, Math.min(request.getLength(), 256), StandardCharsets.UTF_8));
                    byte[] bytes = Json.write(reply).getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(bytes, bytes.length, request.getSocketAddress()));
                } catch (IOException e) {
                    if (socket.isClosed()) {
                        return;
                    }
                }
            }
        });
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
