package dev.catena.core.runnable;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * When and how often to retry: up to {@code maxAttempts} attempts in all, waiting
 * {@code initialDelay * multiplier^(n-1)} (capped at {@code maxDelay}) with full jitter between
 * attempts, for failures {@code retryOn} accepts.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay,
                          boolean jitter, Predicate<Throwable> retryOn) {

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(retryOn, "retryOn");
        if (multiplier < 1) throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
    }

    /** Three attempts, 200 ms doubling up to 10 s, with jitter, on any exception. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failures. */
    public Duration delayAfter(int attempt) {
        double base = initialDelay.toNanos() * Math.pow(multiplier, attempt - 1);
        long capped = (long) Math.min(base, maxDelay.toNanos());
        if (jitter && capped > 0) capped = ThreadLocalRandom.current().nextLong(capped / 2, capped + 1);
        return Duration.ofNanos(capped);
    }

    /** Builder of {@link RetryPolicy}. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialDelay = Duration.ofMillis(200);
        private double multiplier = 2.0;
        private Duration maxDelay = Duration.ofSeconds(10);
        private boolean jitter = true;
        private Predicate<Throwable> retryOn = e -> e instanceof Exception;

        public Builder maxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; return this; }
        public Builder initialDelay(Duration initialDelay) { this.initialDelay = initialDelay; return this; }
        public Builder multiplier(double multiplier) { this.multiplier = multiplier; return this; }
        public Builder maxDelay(Duration maxDelay) { this.maxDelay = maxDelay; return this; }
        public Builder jitter(boolean jitter) { this.jitter = jitter; return this; }
        public Builder retryOn(Predicate<Throwable> retryOn) { this.retryOn = retryOn; return this; }
        public Builder retryOn(Class<? extends Throwable> type) { this.retryOn = type::isInstance; return this; }
        public RetryPolicy build() {
            return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter, retryOn);
        }
    }
}
