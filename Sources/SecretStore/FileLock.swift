// The writers' lock: an advisory flock(2) on "<store>.lock" beside the store. Every writer takes
// it exclusively around its read-change-write; readers take no lock (the store only ever changes
// by rename(2), so a reader sees the old file or the new one, never a mix). The lock file is
// created 0600 and never removed: removing it would let two writers lock two different files.
// The kernel drops the lock when its holder dies, so a killed writer never blocks the next one.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive flock on a lock file, released by ``unlock()`` or when the object is freed.
final class FileLock {
    private var fd: Int32
    let path: String

    /// Opens (creating 0600 when missing) and locks `path`, waiting for other holders.
    ///
    /// - Throws: ``SecretStoreError/io(operation:path:errno:)``.
    init(path: String) throws(SecretStoreError) {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(operation: "open lock file", path: path, errno: errno) }
        while flock(fd, LOCK_EX) != 0 {
            let code = errno
            if code == EINTR { continue }
            close(fd)
            throw .io(operation: "lock", path: path, errno: code)
        }
        self.fd = fd
    }

    /// The lock file of the store at `storePath`.
    static func lockPath(forStore storePath: String) -> String { storePath + ".lock" }

    /// Releases the lock (idempotent).
    func unlock() {
        if fd >= 0 {
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit { unlock() }
}
