"""Speech in, answer, speech out."""
