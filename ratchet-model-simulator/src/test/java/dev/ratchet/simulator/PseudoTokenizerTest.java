package dev.ratchet.simulator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PseudoTokenizerTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Hello, world!", "  leading and trailing  \n", "tabs\tand\r\nnewlines\n\n",
            "unbrokenlongidentifierName_with_underscores", "émoji 🎉 and ünïcödé — dashes", "{\"a\":[1,2]}"})
    void joiningTheTokensGivesTheTextBack(String text) {
        assertThat(String.join("", PseudoTokenizer.split(text))).isEqualTo(text);
    }

    @Test
    void wordsCarryTheirLeadingSpaceAndLongWordsSplit() {
        assertThat(PseudoTokenizer.split("I can't, tokenizer")).containsExactly("I", " can", "'", "t", ",", " toke", "nize", "r");
        assertThat(PseudoTokenizer.split("a  ")).containsExactly("a", "  ");
    }
}
