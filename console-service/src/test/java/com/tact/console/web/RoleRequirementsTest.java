package com.tact.console.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.tact.console.config.SecurityConfiguration;
import com.tact.console.objects.ObjectBrowser;
import com.tact.console.objects.ObjectStore.ObjectContent;
import com.tact.console.objects.ObjectStore.ObjectDetails;
import com.tact.console.objects.ObjectStore.PresignedDownload;
import com.tact.console.queues.QueueService;
import com.tact.console.queues.internal.Redriver;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The least role that suffices, per endpoint, with the role hierarchy admin > operator > viewer. The services are
 * mocked: this is about who may call, not what happens.
 */
@WebMvcTest(excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
        classes = {MeController.class, ServiceProxyController.class}),  // the signed-in console, tested end to end
        properties = "logging.level.org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration=ERROR")
@Import(SecurityConfiguration.class)
class RoleRequirementsTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ObjectBrowser objects;

    @MockitoBean
    QueueService queues;

    @BeforeEach
    void answers() {
        var details = new ObjectDetails("b", "incoming/a.csv", null, 1, "e", Instant.EPOCH, "text/csv", Map.of());
        when(objects.open(anyString(), anyString(), any())).thenAnswer(i ->
                new ObjectContent(details, new ByteArrayInputStream(new byte[] {'x'})));
        when(objects.presign(anyString(), anyString(), any()))
                .thenReturn(new PresignedDownload(URI.create("http://s3/x"), Instant.EPOCH));
        when(queues.redrive(anyString(), any(), any(), anyString()))
                .thenReturn(new Redriver.Result("dlq", "src", 0, 0, List.of(), List.of()));
        when(queues.purge(anyString(), any(), anyString())).thenReturn(new QueueService.Purged("q", "ok"));
    }

    // what a viewer may do
    private final List<MockHttpServletRequestBuilder> reads = List.of(
            get("/api/s3/buckets"),
            get("/api/s3/buckets/b/objects").param("prefix", "incoming/"),
            get("/api/s3/buckets/b/object").param("key", "incoming/a.csv"),
            get("/api/s3/buckets/b/object/versions").param("key", "incoming/a.csv"),
            get("/api/queues"),
            get("/api/queues/q"),
            get("/api/queues/q-dlq/messages"));

    // what needs an operator
    private List<MockHttpServletRequestBuilder> actions() {
        return List.of(
                get("/api/s3/buckets/b/object/content").param("key", "incoming/a.csv"),
                post("/api/s3/buckets/b/object/presigned-url").param("key", "incoming/a.csv").with(csrf()),
                post("/api/queues/q/messages").contentType(MediaType.APPLICATION_JSON).content("{\"body\":\"x\"}").with(csrf()),
                post("/api/queues/q-dlq/redrive").with(csrf()));
    }

    private MockHttpServletRequestBuilder purge() {
        return post("/api/queues/q-dlq/purge").with(csrf());
    }

    @Test
    @WithMockUser(roles = "VIEWER")
    void aViewerReadsButNeitherDownloadsNorActsNorPurges() throws Exception {
        for (var read : reads) {
            mvc.perform(read).andExpect(status().isOk());
        }
        for (var action : actions()) {
            mvc.perform(action).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.reason").value("role-insufficient"));
        }
        mvc.perform(purge()).andExpect(status().isForbidden());
    }

    @Test
    @WithMockUser(roles = "OPERATOR")
    void anOperatorReadsAndActsButDoesNotPurge() throws Exception {
        for (var read : reads) {
            mvc.perform(read).andExpect(status().isOk());
        }
        for (var action : actions()) {
            mvc.perform(action).andExpect(status().isOk());
        }
        mvc.perform(purge()).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403));
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void anAdminMayDoEverything() throws Exception {
        for (var read : reads) {
            mvc.perform(read).andExpect(status().isOk());
        }
        for (var action : actions()) {
            mvc.perform(action).andExpect(status().isOk());
        }
        mvc.perform(purge()).andExpect(status().isOk());
    }

    @Test
    @WithMockUser(roles = "AUDITOR")
    void anAuthenticatedUserWithoutASuiteRoleGetsNothing() throws Exception {
        for (var read : reads) {
            mvc.perform(read).andExpect(status().isForbidden());
        }
    }
}
