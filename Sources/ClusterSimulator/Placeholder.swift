// ClusterSimulator
