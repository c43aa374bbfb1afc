"""Audio trails for phones: tours in YAML, geofence, build, server."""
