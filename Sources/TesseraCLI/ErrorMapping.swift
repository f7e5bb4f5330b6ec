// Turning any error into one message and an exit code. Store errors are mapped case by case once
// the store lands; anything unexpected is exit 1 with its type name only (its description could,
// in principle, hold data we did not write).

/// A one-line description of an unexpected error.
func describe(_ error: any Error) -> String {
    "unexpected error (\(type(of: error)))"
}
