import DeployRuntime
import SparkDeployCore

extension RunConfiguration {
    /// Points this run at `rehearsal`: its endpoints, region and dummy static credentials, and its virtual
    /// clock. The lock store is always the rehearsal's (``RehearsalCluster/lockStore``), so every rehearsal
    /// exercises the lease and the deploy journal, and never touches a real bucket. The environment is left
    /// as it is: the clients do not consult it for what the connection settings say.
    public mutating func rehearse(on rehearsal: RehearsalCluster, clock: ScaledClock) {
        let target = rehearsal.connection
        connection.yarnURLs = target.yarnURLs
        connection.webhdfsURLs = target.webhdfsURLs
        connection.livyURL = target.livyURL
        connection.aws = target.aws
        connection.lease.store = target.lease.store
        self.clock = clock
    }
}
