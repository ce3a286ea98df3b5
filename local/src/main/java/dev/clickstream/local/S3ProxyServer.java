package dev.clickstream.local;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3: S3Proxy in this JVM over a filesystem store, so every object is a plain file at
 * {@code <dir>/<bucket>/<key>} that a user can open with ls and cat. Requests are not
 * authenticated: any credentials work, as with the other emulators.
 */
final class S3ProxyServer implements LocalService {
    private static final Logger LOG = LoggerFactory.getLogger(S3ProxyServer.class);
    static final String VERSION = "4.1.0";

    private final int port;
    private final Path root;
    private S3Proxy proxy;

    S3ProxyServer(int port, Path root) {
        this.port = port;
        this.root = root;
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String description() {
        return "S3Proxy " + VERSION + ", objects under " + root;
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(root);
        proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(root.toAbsolutePath().toString()))
                .endpoint(endpoint())
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
                throw new LocalStackException("s3: S3Proxy did not start on port " + port
                        + " (state " + proxy.getState() + ")");
            }
            Thread.sleep(20);
        }
        LOG.info("{} listening on {}", description(), endpoint());
    }

    @Override
    public void close() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
            LOG.info("S3Proxy stopped");
        } catch (Exception e) {
            LOG.warn("S3Proxy did not stop cleanly", e);
        }
    }
}
