package dev.pnode.examples.helloworld;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The languages the plugin greets in, keyed by the {@code language} value of its configuration. */
enum Language {
    EN("en", "Hello"),
    ES("es", "Hola");

    private final String code;
    private final String salutation;

    Language(String code, String salutation) {
        this.code = code;
        this.salutation = salutation;
    }

    /** The configuration's name for the language, e.g. {@code es}. */
    @Override
    public String toString() {
        return code;
    }

    String greet(String name) {
        return salutation + " " + name + "!";
    }

    static Language forCode(String code) {
        for (Language language : values()) {
            if (language.code.equals(code.toLowerCase(Locale.ROOT))) {
                return language;
            }
        }
        throw new IllegalArgumentException("unknown language \"" + code + "\"; supported: " + supportedCodes());
    }

    static String supportedCodes() {
        return Arrays.stream(values()).map(Language::toString).collect(Collectors.joining(", "));
    }
}
