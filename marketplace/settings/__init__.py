"""Settings: ``base`` reads the environment (with DEBUG on, the embedded demo); ``production``
is ``base`` that refuses DEBUG (the Docker image's); ``test`` adjusts ``base`` for the suite."""
