// The command table: every command, in the order `tessera --help` lists them. Each is defined in
// its own Command+Verb.swift file.

/// Every command of `tessera`.
let allCommands: [Command] = [
    .keygen, .initialize, .set, .get, .list, .delete, .envs, .run, .export, .import,
    .history, .rollback, .rotate, .doctor, .completion, .help,
]
