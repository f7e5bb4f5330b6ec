// Reading and atomically replacing the store file.
//
// Replace: write the new bytes to a fresh temporary file in the store's folder (O_EXCL, mode
// 0600, name ".<store name>.tmp-<pid>-<random>"), fsync it, rename(2) it over the store, then
// fsync the folder so the rename itself is durable. rename within one file system is atomic: a
// reader (or a crash) sees the complete old file or the complete new one. The store is never
// opened for writing, so never truncated in place.
//
// A writer killed between creating its temporary file and the rename leaves that file behind.
// Readers never look at temporary files; the next writer, holding the lock (so no live writer
// owns one), removes them all.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import TesseraCore

package enum AtomicFile {
    /// Test hook run after the temporary file is written and synced, before the rename; when it
    /// throws, the write is abandoned as on a real failure.
    package static let beforeRenameHook = Mutex<(@Sendable (String) throws -> Void)?>(nil)

    /// The whole content of `path`.
    ///
    /// - Throws: ``SecretStoreError/storeNotFound(path:)`` when it does not exist,
    ///   ``SecretStoreError/io(operation:path:errno:)`` for other failures.
    static func contents(of path: String) throws(SecretStoreError) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO (or a device) named as the store must not hang; fstat then
        // refuses anything that is not a regular file. It changes nothing for a regular file.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            let code = errno
            if code == ENOENT { throw .storeNotFound(path: path) }
            throw .io(operation: "open", path: path, errno: code)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(operation: "stat", path: path, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .malformedStore(reason: "not a regular file") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var used = 0
        while true {
            if used == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 4096)) }  // grew meanwhile
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + used, $0.count - used) }
            if n < 0 { if errno == EINTR { continue }; throw .io(operation: "read", path: path, errno: errno) }
            if n == 0 { break }
            used += n
        }
        bytes.removeLast(bytes.count - used)
        return bytes
    }

    /// `path` with every symbolic link resolved (realpath(3)), so that the temporary file, the
    /// rename and the lock act in the real file's folder and a store reached through a link is
    /// updated in place of its target, the link kept. A path that does not exist yet keeps its
    /// name, with its folder resolved; a path that cannot be resolved is returned as given.
    static func resolvedPath(_ path: String) -> String {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let (folder, name) = split(path)
        var info = stat()
        // A dangling link is left as is: creating through it would replace the link.
        if lstat(path, &info) == 0 { return path }
        guard let real = realpath(folder, nil) else { return path }
        defer { free(real) }
        let resolved = String(cString: real)
        return (resolved == "/" ? "" : resolved) + "/" + name
    }

    /// `true` when a file (of any kind) exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Replaces (or creates) `path` with `bytes` atomically and durably, mode 0600.
    ///
    /// - Throws: ``SecretStoreError/io(operation:path:errno:)``; the store is then unchanged and
    ///   the temporary file removed.
    static func replace(_ path: String, with bytes: [UInt8]) throws(SecretStoreError) {
        let (folder, name) = split(path)
        let temp = folder + "/" + temporaryPrefix(forName: name) + "\(getpid())-" + hexString(randomBytes(6))
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(operation: "create temporary file in", path: folder, errno: errno) }
        var closed = false
        var renamed = false
        defer {
            if !closed { close(fd) }
            if !renamed { unlink(temp) }
        }
        // The umask can only remove bits; set 0600 exactly.
        guard fchmod(fd, 0o600) == 0 else { throw .io(operation: "chmod", path: temp, errno: errno) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 { if errno == EINTR { continue }; throw .io(operation: "write", path: temp, errno: errno) }
            written += n
        }
        guard fsync(fd) == 0 else { throw .io(operation: "fsync", path: temp, errno: errno) }
        closed = true
        guard close(fd) == 0 else { throw .io(operation: "close", path: temp, errno: errno) }
        if let hook = beforeRenameHook.withLock({ $0 }) {
            do { try hook(temp) } catch { throw .io(operation: "test hook before rename of", path: temp, errno: EIO) }
        }
        guard rename(temp, path) == 0 else { throw .io(operation: "rename over", path: path, errno: errno) }
        renamed = true
        try syncFolder(folder)
    }

    /// fsync(2) on a folder, making a rename or a new entry in it durable.
    static func syncFolder(_ folder: String) throws(SecretStoreError) {
        let dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { throw .io(operation: "open folder", path: folder, errno: errno) }
        defer { close(dfd) }
        guard fsync(dfd) == 0 else { throw .io(operation: "fsync folder", path: folder, errno: errno) }
    }

    /// The temporary files a writer of the store at `path` may have left behind.
    static func strayTemporaryFiles(forStore path: String) -> [String] {
        let (folder, name) = split(path)
        let prefix = temporaryPrefix(forName: name)
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var found: [String] = []
        while let entry = readdir(dir) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if entryName.hasPrefix(prefix) { found.append(folder + "/" + entryName) }
        }
        return found.sorted()
    }

    /// Removes the stray temporary files of the store at `path`; call with the writers' lock held.
    ///
    /// - Returns: How many were removed.
    @discardableResult
    static func removeStrayTemporaryFiles(forStore path: String) -> Int {
        var removed = 0
        for file in strayTemporaryFiles(forStore: path) where unlink(file) == 0 { removed += 1 }
        return removed
    }

    static func temporaryPrefix(forName name: String) -> String { "." + name + ".tmp-" }

    /// (folder, file name) of a path; the folder is "." for a bare name.
    static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }
}
