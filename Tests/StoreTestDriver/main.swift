// Store test driver: the other process in SecretStoreTests' reliability tests.
//
//   StoreTestDriver set-many STORE PREFIX COUNT
//       sets PREFIX_0 ... PREFIX_<COUNT-1> (values "value-PREFIX-i") in `global`, one atomic
//       write each, under TESSERA_MASTER_KEY; exits 0 when all are set.
//   StoreTestDriver count-forever STORE
//       reads `counter` (0 when missing), then sets it to 1, 2, 3, ... forever, printing each
//       number on standard output once its write has returned. The test kills it with SIGKILL.
//   StoreTestDriver create STORE / set STORE ENV KEY VALUE [DESCRIPTION]
//       create a store / set one value (docs/FORMAT.md's worked example was made this way).
//   StoreTestDriver bench-build STORE N
//       creates a store of N secrets over 5 environments (32-byte values), for profiling.
//   StoreTestDriver bench OP STORE ITERATIONS
//       repeats OP (open-get, set, list, list-verified) for `perf stat` instruction counts,
//       which stay comparable on a loaded machine where wall-clock times do not.
// Errors go to standard error with exit status 1.

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Tessera

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("StoreTestDriver: \(message)\n".utf8))
    exit(1)
}

let args = CommandLine.arguments
let benchEnvironments = ["global", "dev", "staging", "prod", "test"]
if args.count == 3, args[1] == "create" {
    do {
        guard let key = try MasterKey.fromEnvironment() else { fail("TESSERA_MASTER_KEY is not set") }
        _ = try SecretStore.create(at: args[2], credential: .masterKey(key))
    } catch { fail(String(describing: error)) }
    exit(0)
}
if args.count == 4, args[1] == "bench-build", let n = Int(args[3]) {
    do {
        let store = try SecretStore.create(at: args[2], credential: .masterKey(try MasterKey.fromEnvironment()!))
        for env in benchEnvironments {
            try store.setMany((0..<(n / 5)).map { ("SERVICE_\($0)_API_KEY", Data((0..<32).map { _ in UInt8.random(in: 0...255) })) },
                              environment: env)
        }
    } catch { fail(String(describing: error)) }
    exit(0)
}
if args.count == 5, args[1] == "bench", let iterations = Int(args[4]) {
    do {
        let key = try MasterKey.fromEnvironment()!
        let path = args[3]
        let writer = try SecretStore.open(at: path, credential: .masterKey(key))
        for i in 0..<iterations {
            switch args[2] {
            case "open-get": _ = try SecretStore.open(at: path, credential: .masterKey(key)).get("SERVICE_7_API_KEY", environment: "prod")
            case "set": try writer.set("SERVICE_7_API_KEY", value: String(i), environment: "dev")
            case "list": _ = try SecretStore.open(at: path).list()
            case "list-verified": _ = try SecretStore.open(at: path, credential: .masterKey(key)).list()
            case "open": _ = try SecretStore.open(at: path)
            default: fail("unknown bench operation")
            }
        }
    } catch { fail(String(describing: error)) }
    exit(0)
}
guard args.count >= 3 else { fail("usage: StoreTestDriver set-many STORE PREFIX COUNT | count-forever STORE") }
do {
    guard let key = try MasterKey.fromEnvironment() else { fail("TESSERA_MASTER_KEY is not set") }
    let store = try SecretStore.open(at: args[2], credential: .masterKey(key))
    switch args[1] {
    case "set":
        guard args.count >= 6 else { fail("set STORE ENV KEY VALUE [DESCRIPTION]") }
        try store.set(args[4], value: args[5], environment: args[3], description: args.count > 6 ? args[6] : nil)
    case "set-many":
        guard args.count == 5, let count = Int(args[4]) else { fail("set-many STORE PREFIX COUNT") }
        let prefix = args[3]
        for i in 0..<count {
            try store.set("\(prefix)_\(i)", value: "value-\(prefix)-\(i)", environment: "global")
        }
    case "count-forever":
        var n = 0
        if let text = try? store.string("counter", environment: "global") { n = Int(text) ?? 0 }
        while true {
            n += 1
            try store.set("counter", value: String(n), environment: "global", description: "step \(n)")
            FileHandle.standardOutput.write(Data("\(n)\n".utf8))
        }
    default:
        fail("unknown command")
    }
} catch {
    fail(String(describing: error))
}
