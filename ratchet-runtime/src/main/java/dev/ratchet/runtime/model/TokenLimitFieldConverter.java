package dev.ratchet.runtime.model;

import org.eclipse.microprofile.config.spi.Converter;

import dev.ratchet.models.TokenLimitField;

/** Reads {@code token-limit-field} as the JSON field name itself, so the property says what goes on the wire. */
public class TokenLimitFieldConverter implements Converter<TokenLimitField> {

    private static final long serialVersionUID = 1L;

    @Override
    public TokenLimitField convert(String value) {
        return TokenLimitField.fromConfig(value);
    }
}
