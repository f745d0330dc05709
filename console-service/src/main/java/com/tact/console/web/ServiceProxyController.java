package com.tact.console.web;

import com.tact.shared.security.SecurityProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's pages call the services' APIs through here, {@code /svc/{inbound|outbound|alerting}/api/...}, with
 * the signed-in person's access token, so that each service decides with its own rules and audit names the person.
 * Only {@code /api/...} of the three configured services, request bodies up to 1 MiB, answers streamed back.
 */
@RestController
class ServiceProxyController {

    private static final Logger log = LoggerFactory.getLogger(ServiceProxyController.class);
    private static final int MAX_BODY = 1024 * 1024;
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Content-Disposition", "Retry-After",
            "Location", "ETag", "Cache-Control");

    private final ConsoleUiProperties properties;
    private final OAuth2AuthorizedClientManager authorizedClients;
    private final HttpClient http;

    ServiceProxyController(ConsoleUiProperties properties, OAuth2AuthorizedClientManager authorizedClients) {
        this.properties = properties;
        this.authorizedClients = authorizedClients;
        this.http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @RequestMapping(path = "/svc/{service}/api/**", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.DELETE})
    void forward(@PathVariable String service, HttpServletRequest request, HttpServletResponse response,
                 Authentication caller) throws IOException {
        URI base = properties.services().of(service);
        if (base == null) {
            SecurityProblems.write(response, HttpStatus.NOT_FOUND, "no such service: " + service
                    + " (inbound, outbound, alerting)");
            return;
        }
        String token = accessToken(caller, request, response);
        if (token == null) {
            SecurityProblems.write(response, HttpStatus.UNAUTHORIZED, "your sign-in has expired; sign in again");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            SecurityProblems.write(response, HttpStatus.CONTENT_TOO_LARGE, "the console forwards bodies up to 1 MiB");
            return;
        }
        String path = request.getRequestURI().substring(("/svc/" + service).length());
        String query = request.getQueryString();
        var forward = HttpRequest.newBuilder(URI.create(stripSlash(base.toString()) + path + (query == null ? "" : "?" + query)))
                .timeout(properties.serviceTimeout())
                .header("Authorization", "Bearer " + token)
                .method(request.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : List.of("Content-Type", "Accept")) {
            String value = request.getHeader(header);
            if (value != null) {
                forward.header(header, value);
            }
        }
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            SecurityProblems.write(response, HttpStatus.GATEWAY_TIMEOUT, service + " did not answer in time");
            return;
        } catch (IOException e) {
            log.warn("{} cannot be reached: {}", service, e.toString());
            SecurityProblems.write(response, HttpStatus.BAD_GATEWAY, service + " cannot be reached");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            SecurityProblems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "the console is shutting down");
            return;
        }
        response.setStatus(answer.statusCode());
        for (String header : RESPONSE_HEADERS) {
            answer.headers().firstValue(header).ifPresent(value -> response.setHeader(header, value));
        }
        try (InputStream in = answer.body()) {
            in.transferTo(response.getOutputStream());
        }
    }

    private String accessToken(Authentication caller, HttpServletRequest request, HttpServletResponse response) {
        if (caller instanceof JwtAuthenticationToken jwt) {
            return jwt.getToken().getTokenValue();
        }
        try {
            OAuth2AuthorizedClient client = authorizedClients.authorize(OAuth2AuthorizeRequest
                    .withClientRegistrationId(ConsoleSecurityConfiguration.REGISTRATION)
                    .principal(caller)
                    .attribute(HttpServletRequest.class.getName(), request)
                    .attribute(HttpServletResponse.class.getName(), response)
                    .build());
            return client == null ? null : client.getAccessToken().getTokenValue();
        } catch (ClientAuthorizationException e) {
            log.info("the sign-in of {} cannot be renewed: {}", caller.getName(), e.getError().getErrorCode());
            return null;
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
