package com.tact.console.objects.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttachmentHeaderTest {

    @Test
    void plainNamesKeepTheirName() {
        assertThat(AttachmentHeader.forKey("incoming/allocations/a-1.csv"))
                .isEqualTo("attachment; filename=\"a-1.csv\"; filename*=UTF-8''a-1.csv");
    }

    @Test
    void quotesSemicolonsAndLineBreaksCannotEndTheHeaderOrAddParameters() {
        String header = AttachmentHeader.forKey("incoming/x\"; filename=evil.exe;\r\nSet-Cookie: a=b.csv");
        assertThat(header).doesNotContain("\r").doesNotContain("\n")
                .startsWith("attachment; filename=\"x_; filename=evil.exe;__Set-Cookie: a=b.csv\"; filename*=UTF-8''")
                .endsWith("x%22%3B%20filename%3Devil.exe%3B%0D%0ASet-Cookie%3A%20a%3Db.csv");
    }

    @Test
    void nonAsciiNamesArePercentEncodedUtf8WithAnAsciiFallback() {
        assertThat(AttachmentHeader.forKey("merged/Prüfung 100%.csv"))
                .isEqualTo("attachment; filename=\"Pr_fung 100_.csv\"; filename*=UTF-8''Pr%C3%BCfung%20100%25.csv");
    }

    @Test
    void aKeyEndingInASlashGetsAName() {
        assertThat(AttachmentHeader.forKey("merged/")).contains("filename=\"download\"");
    }
}
