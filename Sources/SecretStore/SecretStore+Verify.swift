// The integrity report behind `tessera doctor`: each part of the store checked with the keys
// this object holds, without throwing, so one tampered environment does not hide the state of
// the others.

extension SecretStore {
    /// Checks the master key and environment list, and every environment whose key is held.
    ///
    /// - Returns: The status of the manifest and of each environment.
    public func verifyIntegrity() -> IntegrityReport {
        state.withLock { st in
            var manifest = IntegrityStatus.locked
            if st.masterRoot != nil {
                do throws(SecretStoreError) { try st.checkMaster(); manifest = .verified } catch {
                    manifest = error == .manifestTampered ? .tampered : .wrongKey
                }
            }
            var environments: [(name: String, status: IntegrityStatus)] = []
            for name in st.model.sortedEnvironmentNames {
                let record = st.model.environments[name]!
                let status: IntegrityStatus
                if (try? st.root(for: name, source: record.keySource)) == nil {
                    status = .locked
                } else {
                    do throws(SecretStoreError) { try st.verify(name); status = .verified } catch {
                        if case .wrongMasterKey = error { status = .wrongKey } else { status = .tampered }
                    }
                }
                environments.append((name, status))
            }
            return IntegrityReport(manifest: manifest, environments: environments)
        }
    }
}
