"""Errors the voice chain reports to people: each message says what to do."""


class VoiceError(Exception):
    """A problem with audio, models or voices, explained in plain words."""


class AudioInputError(VoiceError):
    """The audio given to the kiosk cannot be used (missing, empty, corrupt, too long)."""


class AudioTooLongError(AudioInputError):
    """The recording lasts longer than the configured limit."""


class ModelNotFoundError(VoiceError):
    """No speech model could be found or fetched; the message names what to install."""


class AudioDeviceError(VoiceError):
    """No usable sound device (PortAudio missing, no card, device unplugged)."""


class RemoteEngineError(VoiceError):
    """A speech server did not answer, or answered something unusable."""
