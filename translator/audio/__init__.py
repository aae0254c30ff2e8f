"""The audio routing core: devices, capture, playback, resampling, mixing and the echo guard."""
