// The umbrella module: `import Tessera` brings in every public Tessera API, as `import Crypto`
// does for swift-crypto.

@_exported import TesseraAESGCM
@_exported import TesseraCore
@_exported import TesseraKDF
@_exported import TesseraSecretStore
