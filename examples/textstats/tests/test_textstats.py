import unittest

from textstats import words


class WordsTest(unittest.TestCase):
    def test_splits_on_punctuation_and_lowercases(self):
        self.assertEqual(words("Hello, World! hello"), ["hello", "world", "hello"])

    def test_empty_text_has_no_words(self):
        self.assertEqual(words(""), [])


if __name__ == "__main__":
    unittest.main()
