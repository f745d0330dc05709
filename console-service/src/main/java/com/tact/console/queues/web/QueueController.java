package com.tact.console.queues.web;

import com.tact.console.errors.ConsoleException;
import com.tact.console.queues.QueueService;
import com.tact.console.queues.QueueService.PeekedMessage;
import com.tact.console.queues.QueueService.Published;
import com.tact.console.queues.QueueService.Purged;
import com.tact.console.queues.QueueService.QueueView;
import com.tact.console.queues.internal.Redriver;
import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The suite's queues for operators. Viewers see depths and peek into DLQs (queue messages carry references, not
 * files); operators publish test messages and redrive; only admins purge, and only with a confirmation token.
 */
@RestController
@RequestMapping("/api/queues")
class QueueController {

    private final QueueService queues;

    QueueController(QueueService queues) {
        this.queues = queues;
    }

    /** A raw message ({@code body}, {@code attributes}) or a synthetic S3 event ({@code s3Object.key}): one of the two. */
    record PublishRequest(S3ObjectRef s3Object, String body, Map<String, String> attributes) {
    }

    record S3ObjectRef(String key) {
    }

    /** @param messageIds the messages to move; omitted: any, up to maxMessages */
    record RedriveRequest(List<String> messageIds, Integer maxMessages) {
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    List<QueueView> list() {
        return queues.list();
    }

    @GetMapping("/{name}")
    @PreAuthorize("hasRole('VIEWER')")
    QueueView get(@PathVariable String name) {
        return queues.get(name);
    }

    @GetMapping("/{name}/messages")
    @PreAuthorize("hasRole('VIEWER')")
    List<PeekedMessage> peek(@PathVariable String name, @RequestParam(required = false) Integer max) {
        return queues.peek(name, max);
    }

    @PostMapping("/{name}/messages")
    @PreAuthorize("hasRole('OPERATOR')")
    Published publish(@PathVariable String name, @RequestBody PublishRequest request, Principal principal) {
        boolean event = request.s3Object() != null;
        if (event == (request.body() != null)) {
            throw ConsoleException.invalid("body", "one-of-body-or-s3Object",
                    "send either s3Object (a synthetic S3 event) or body (a raw message), not both or neither");
        }
        if (event) {
            if (request.attributes() != null && !request.attributes().isEmpty()) {
                throw ConsoleException.invalid("attributes", "attributes-with-s3Object",
                        "attributes go with a raw body; an S3 event carries none of its own");
            }
            return queues.publishObjectCreated(name, request.s3Object().key(), principal.getName());
        }
        return queues.publish(name, request.body(), request.attributes(), principal.getName());
    }

    @PostMapping("/{name}/redrive")
    @PreAuthorize("hasRole('OPERATOR')")
    Redriver.Result redrive(@PathVariable String name, @RequestBody(required = false) RedriveRequest request,
                            Principal principal) {
        var ids = request == null || request.messageIds() == null ? null : new LinkedHashSet<>(request.messageIds());
        return queues.redrive(name, ids, request == null ? null : request.maxMessages(), principal.getName());
    }

    @PostMapping("/{name}/purge")
    @PreAuthorize("hasRole('ADMIN')")
    Purged purge(@PathVariable String name, @RequestParam(required = false) String confirm, Principal principal) {
        return queues.purge(name, confirm, principal.getName());
    }
}
