package dev.pnode.host.settings;

import java.util.Map;

/** Where {@code env://VAR} references are looked up; the process environment, or a fixed map in tests. */
@FunctionalInterface
public interface Environment {

    /** The process environment. */
    Environment SYSTEM = System::getenv;

    /** @return the variable's value, or null when it is not set */
    String get(String variable);

    static Environment of(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        return copy::get;
    }
}
