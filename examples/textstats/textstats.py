"""Small text statistics: the sample project of the Ratchet demo."""


def words(text):
    """Split text into lower-case words, treating anything but letters and digits as a separator."""
    cleaned = "".join(c.lower() if c.isalnum() else " " for c in text)
    return cleaned.split()
