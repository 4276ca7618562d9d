package dev.pnode.rpc.transport;

import java.util.Optional;

/**
 * Decides who may use the HTTP endpoint: first from the {@code Authorization} header alone (before the body is
 * read), then method by method for what the body calls.
 */
@FunctionalInterface
public interface HttpAccess {

    /** Everyone may call everything (no security plugin configured). */
    HttpAccess OPEN = new HttpAccess() {
        @Override
        public Admission admit(Optional<String> authorization) {
            return Admission.EVERYTHING;
        }

        @Override
        public boolean mayBlock() {
            return false;
        }
    };

    /** @param authorization the {@code Authorization} header, if sent */
    Admission admit(Optional<String> authorization);

    /**
     * Whether {@link #admit} may block (ask a plugin), so that the endpoint calls it where a thread may wait; an
     * access that decides from what it holds says false.
     */
    default boolean mayBlock() {
        return true;
    }

    /** Either a refusal of the whole request or a grant that says which methods it may call. */
    interface Admission {

        Admission EVERYTHING = new Admission() {
            @Override
            public Optional<Refusal> refusal() {
                return Optional.empty();
            }

            @Override
            public boolean mayCall(String method) {
                return true;
            }
        };

        /** The HTTP status and message to refuse the whole request with, or empty when it may proceed. */
        Optional<Refusal> refusal();

        /** Whether an admitted request may call this JSON-RPC method. */
        boolean mayCall(String method);

        static Admission refused(Refusal refusal) {
            return new Admission() {
                @Override
                public Optional<Refusal> refusal() {
                    return Optional.of(refusal);
                }

                @Override
                public boolean mayCall(String method) {
                    return false;
                }
            };
        }
    }

    /**
     * @param status 401 (no, bad or expired token) or 503 (the security plugin cannot answer)
     * @param message what the client is told; never contains the token
     */
    record Refusal(int status, String message) {
    }
}
