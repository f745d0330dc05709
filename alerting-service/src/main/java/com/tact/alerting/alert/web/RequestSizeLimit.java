package com.tact.alerting.alert.web;

import com.tact.alerting.alert.AlertRejectedException;
import com.tact.alerting.alert.AlertRejectedException.Reason;
import com.tact.alerting.config.AlertingProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses an oversized alert by its Content-Length before its body is read or parsed. JSON may escape every
 * character, so the wire allows twice the body limit; the exact body limit is checked after parsing.
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
            throw new AlertRejectedException(Reason.TOO_LARGE, "request is " + request.getContentLengthLong()
                    + " bytes; the limit is " + maxRequestBytes);
        }
        return true;
    }
}
