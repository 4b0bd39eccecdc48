// DeployRuntime
