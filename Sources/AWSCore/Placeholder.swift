// AWSCore
