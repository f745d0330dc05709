package com.tact.alerting.alert.web;

import com.tact.alerting.alert.AlertRejectedException;
import com.tact.alerting.alert.AlertRejectedException.Reason;
import com.tact.alerting.config.AlertingProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Bounds an alert request on the wire. One that declares a Content-Length over the limit is refused before its
 * body is read; one that does not (chunked) is counted while it is read and refused as soon as it passes the
 * limit, so neither can make the service read or parse more than the limit. JSON may escape every character, so
 * the wire allows twice the body limit; the exact body limit is checked after parsing.
 */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimit implements WebMvcConfigurer, HandlerInterceptor {

    private final long maxRequestBytes;

    RequestSizeLimit(AlertingProperties properties) {
        this.maxRequestBytes = 2L * properties.payload().maxBodyBytes() + 65536;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getContentLengthLong() > maxRequestBytes) {
            throw tooLarge("request is " + request.getContentLengthLong() + " bytes");
        }
        return true;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> countingRequestBodies() {
        var filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                chain.doFilter(request.getContentLengthLong() < 0 ? new Counted(request) : request, response);
            }
        };
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    private AlertRejectedException tooLarge(String what) {
        return new AlertRejectedException(Reason.TOO_LARGE, what + "; the limit is " + maxRequestBytes);
    }

    /** A request without a declared length, whose body stops being readable past the limit. */
    private final class Counted extends HttpServletRequestWrapper {
        private ServletInputStream counted;

        Counted(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                var in = super.getInputStream();
                counted = new ServletInputStream() {
                    long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) {
                        read += n;
                        if (read > maxRequestBytes) {
                            // a runtime exception passes the message converters untouched, to the 413 handler
                            throw tooLarge("the request body passed " + maxRequestBytes + " bytes while being read");
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return counted;
        }
    }
}
