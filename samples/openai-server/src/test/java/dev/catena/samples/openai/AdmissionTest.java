package dev.catena.samples.openai;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Back-pressure: places beyond the limit are refused at once with 429 and a Retry-After, and come back when closed. */
class AdmissionTest {

    @Test
    void aRequestBeyondTheLimitIsRefusedWithRetryAfter() {
        Admission admission = new Admission(2, 3);
        Admission.Permit first = admission.enter();
        Admission.Permit second = admission.enter();
        OpenAiErrors.ApiError refused = catchThrowableOfType(OpenAiErrors.ApiError.class, admission::enter);
        assertThat(refused.status).isEqualTo(429);
        assertThat(refused.retryAfterSeconds).isEqualTo(3);
        assertThat(refused.body().at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(refused.getMessage()).contains("2 requests are running");

        first.close();
        first.close(); // closing twice gives back one place only
        Admission.Permit third = admission.enter();
        assertThat(catchThrowableOfType(OpenAiErrors.ApiError.class, admission::enter).status).isEqualTo(429);
        second.close();
        third.close();
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Admission(0, 1))
                .withMessageContaining("openai-server.max-concurrent-requests");
    }
}
