package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SlugTest {

    @Test
    void joinsLowerCaseWordsWithHyphens() {
        assertEquals("hello-ratchet-world", Slug.of("Hello, Ratchet World!"));
    }

    @Test
    void aTitleWithoutWordsHasAnEmptySlug() {
        assertEquals("", Slug.of(" -- "));
    }
}
