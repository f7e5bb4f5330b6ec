// `tessera keygen`: a new master key, 32 bytes from the system CSPRNG, as 64 lower-case hex
// characters on one line of standard output. Nothing is stored anywhere.

extension Command {
    static let keygen = Command(
        name: "keygen",
        summary: "print a new random 64-hex master key",
        usage: ["tessera keygen"],
        details: """
            Prints 32 random bytes from the system's secure generator as 64 hex characters, alone
            on one line. Keep the key out of shell history and out of git: send it to a file with
            mode 0600, a password manager or your CI's secret settings.

            examples:
              (umask 077; tessera keygen > master.key)
              tessera --key-file master.key init
              export TESSERA_MASTER_KEY=$(tessera keygen)
            """,
        run: { _ in
            try Terminal.output(generatedMasterKey().hex + "\n")
            return 0
        })
}
