package dev.ratchet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory one local cluster keeps its state in, locked while the cluster runs so that two clusters never
 * share a Redis AOF or a Kafka log directory:
 * <ul>
 * <li>{@code redis/}: Redis's AOF, kept across runs;</li>
 * <li>{@code kafka/}: the broker's log directory and its KRaft {@code cluster-id}, kept across runs;</li>
 * <li>{@code logs/}: this run's logs; the previous run's are moved to {@code logs.previous/};</li>
 * <li>{@code work/}: the services' git clones, a cache emptied at every start (sessions live in Redis).</li>
 * </ul>
 * A fresh start empties all of it first.
 */
final class ClusterDirs implements AutoCloseable {

    private static final String LOCK = "cluster.lock";

    private final Path root;
    private final FileChannel lockFile;
    private final FileLock lock;

    private ClusterDirs(Path root, FileChannel lockFile, FileLock lock) {
        this.root = root;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    static ClusterDirs open(Path root, boolean fresh) {
        ClusterDirs dirs = lock(root);
        try {
            if (fresh) {
                dirs.emptyExceptLock();
            }
            LocalLayout.deleteTree(dirs.previousLogs());
            if (Files.exists(dirs.logs())) {
                Files.move(dirs.logs(), dirs.previousLogs());
            }
            LocalLayout.deleteTree(dirs.work());
            for (Path dir : List.of(dirs.logs(), dirs.work(), dirs.redis(), dirs.kafka())) {
                Files.createDirectories(dir);
            }
            return dirs;
        } catch (IOException e) {
            dirs.close();
            throw new UncheckedIOException("cannot prepare " + root, e);
        } catch (RuntimeException e) {
            dirs.close();
            throw e;
        }
    }

    private static ClusterDirs lock(Path root) {
        FileChannel channel = null;
        try {
            Files.createDirectories(root);
            channel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(root);
            }
            return new ClusterDirs(root, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(root);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + root.resolve(LOCK), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static IllegalStateException inUse(Path root) {
        return new IllegalStateException("another local cluster uses " + root + " (./ratchet up, demo or an IT); "
                + "stop it first");
    }

    private void emptyExceptLock() throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.filter(p -> !p.getFileName().toString().equals(LOCK)).toList()) {
                LocalLayout.deleteTree(child);
            }
        }
    }

    Path root() {
        return root;
    }

    Path redis() {
        return root.resolve("redis");
    }

    Path kafka() {
        return root.resolve("kafka");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path log(String part) {
        return logs().resolve(part + ".log");
    }

    Path previousLogs() {
        return root.resolve("logs.previous");
    }

    Path work() {
        return root.resolve("work");
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // Closing the channel below releases it too.
        }
        closeQuietly(lockFile);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing to do: the lock goes with the process anyway.
        }
    }
}
