print("sparkdeploy")
