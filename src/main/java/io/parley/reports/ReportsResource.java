package io.parley.reports;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.parley.common.problem.Problem;
import io.parley.common.problem.ProblemException;
import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Reports over the recorded facts (see docs/reports.md), as JSON or CSV. Supervisors see everything; an operator sees
 * their own operator report only.
 */
@Path("/api/reports")
@Produces({ MediaType.APPLICATION_JSON, Reports.CSV })
class ReportsResource {

    private final Reports reports;
    private final SecurityIdentity identity;

    ReportsResource(Reports reports, SecurityIdentity identity) {
        this.reports = reports;
        this.identity = identity;
    }

    @GET
    @Path("/queues")
    @RolesAllowed(Roles.SUPERVISOR)
    public Uni<Response> queues(@BeanParam ReportParams params) {
        return reports.render(params, reports.queues(), QueueReport.Report::rows);
    }

    @GET
    @Path("/operators")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.OPERATOR })
    public Uni<Response> operators(@BeanParam ReportParams params) {
        if (!identity.hasRole(Roles.SUPERVISOR)) {
            String self = identity.getPrincipal().getName();
            if (params.operator != null && !params.operator.equals(self) || params.team != null) {
                return Uni.createFrom().failure(new ProblemException(
                        Problem.of(403, "Forbidden", "An operator sees their own report only")));
            }
            params.operator = self;
        }
        return reports.render(params, reports.operators(), OperatorReport.Report::rows);
    }

    @GET
    @Path("/topics")
    @RolesAllowed(Roles.SUPERVISOR)
    public Uni<Response> topics(@BeanParam ReportParams params) {
        return reports.render(params, reports.topics(), TopicReport.Report::rows);
    }

    @GET
    @Path("/channels")
    @RolesAllowed(Roles.SUPERVISOR)
    public Uni<Response> channels(@BeanParam ReportParams params) {
        return reports.render(params, reports.channels(), ChannelReport.Report::rows);
    }
}
