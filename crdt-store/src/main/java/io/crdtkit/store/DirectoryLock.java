package io.crdtkit.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-owner rule of a store directory: an OS file lock on {@code crdtkit.lock}, taken before the engine opens.
 * It holds against other processes (fcntl) and against a second opener in this JVM (the JVM's lock table), and it
 * goes away with the process, so a killed member never leaves a stale lock behind.
 */
final class DirectoryLock implements AutoCloseable {

  static final String FILE_NAME = "crdtkit.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DirectoryLock acquire(Path directory) {
    FileChannel channel;
    try {
      Files.createDirectories(directory);
      channel = FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreException("cannot create or write the store directory " + directory + " (" + e
          + "): it must be a writable directory", e);
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new StoreLockedException(directory);
      }
      return new DirectoryLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new StoreLockedException(directory);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException("cannot lock " + directory.resolve(FILE_NAME) + ": " + e, e);
    } catch (StoreLockedException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException suppressed) {
      // SUBTLE: only reached on a failed open, whose own exception is the one that matters
    }
  }

  boolean isReleased() {
    return !channel.isOpen();
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new StoreException("cannot release the store lock: " + e, e);
    }
  }
}
