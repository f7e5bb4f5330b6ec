// Store test driver: the other process in SecretStoreTests' reliability tests.
//
//   StoreTestDriver set-many STORE PREFIX COUNT
//       sets PREFIX_0 ... PREFIX_<COUNT-1> (values "value-PREFIX-i") in `global`, one atomic
//       write each, under TESSERA_MASTER_KEY; exits 0 when all are set.
//   StoreTestDriver count-forever STORE
//       reads `counter` (0 when missing), then sets it to 1, 2, 3, ... forever, printing each
//       number on standard output once its write has returned. The test kills it with SIGKILL.
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
guard args.count >= 3 else { fail("usage: StoreTestDriver set-many STORE PREFIX COUNT | count-forever STORE") }
do {
    guard let key = try MasterKey.fromEnvironment() else { fail("TESSERA_MASTER_KEY is not set") }
    let store = try SecretStore.open(at: args[2], credential: .masterKey(key))
    switch args[1] {
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
