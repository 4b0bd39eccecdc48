// EMR
