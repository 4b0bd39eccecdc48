// YARN
