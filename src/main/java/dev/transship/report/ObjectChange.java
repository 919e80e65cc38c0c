package dev.transship.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.finding.Finding;
import dev.transship.finding.ObjectRef;
import java.util.List;

/**
 * What happened to one object in a conversion, for the report.
 *
 * @param status changed, dropped, generated or unchanged (listed only when it has findings)
 * @param diff the RFC 6902 operations from the original to the converted object, Secret values redacted
 */
public record ObjectChange(ObjectRef object, String status, JsonNode diff, List<Finding> findings) {}
