package io.rngstream.securitytests;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least-privilege ACL set of each role, the one source of truth: {@code LeastPrivilegeIT} grants exactly these
 * and nothing else, and {@code LeastPrivilegeAclsDocTest} checks that docs/security.md lists each line of
 * {@link #describe}. READ and WRITE imply DESCRIBE in Kafka, so no DESCRIBE lines are needed.
 */
public final class LeastPrivilegeAcls {
  private LeastPrivilegeAcls() {
  }

  /** The topics of one deployment. */
  public record Topics(String requests, String replyPrefix, String replies, String audit, String deadLetters) {
    /** The production names (docs/configuration.md); reply topics allowed by {@code rng\.replies\..*}. */
    public static Topics defaults() {
      return new Topics("rng.requests.v1", "rng.replies.", "rng.replies.v1", "rng.audit.v1", "rng.requests.dlq.v1");
    }
  }

  /**
   * The processor: read requests; write replies (any topic of the allow-list's prefix), audit records and dead
   * letters; its own internal topics (changelogs, repartition), consumer group and transactional ids, all named
   * after {@code application.id}.
   */
  public static List<AclBinding> processor(final String principal, final String applicationId, final Topics topics) {
    final List<AclBinding> acls = new ArrayList<>();
    acls.add(allow(principal, AclOperation.READ, ResourceType.TOPIC, topics.requests(), PatternType.LITERAL));
    acls.add(allow(principal, AclOperation.WRITE, ResourceType.TOPIC, topics.replyPrefix(), PatternType.PREFIXED));
    acls.add(allow(principal, AclOperation.WRITE, ResourceType.TOPIC, topics.audit(), PatternType.LITERAL));
    acls.add(allow(principal, AclOperation.WRITE, ResourceType.TOPIC, topics.deadLetters(), PatternType.LITERAL));
    final String internal = applicationId + "-";
    // Changelogs: Streams creates them at first start and checks their configuration on later ones. No DELETE:
    // the topology has no repartition topics to purge (add it when one appears).
    for (final AclOperation operation : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE,
        AclOperation.DESCRIBE_CONFIGS)) {
      acls.add(allow(principal, operation, ResourceType.TOPIC, internal, PatternType.PREFIXED));
    }
    acls.add(allow(principal, AclOperation.READ, ResourceType.GROUP, applicationId, PatternType.LITERAL));
    acls.add(allow(principal, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, internal, PatternType.PREFIXED));
    return acls;
  }

  /** A requester: write requests, read its reply topic (the SDK assigns partitions: no consumer group). */
  public static List<AclBinding> requester(final String principal, final Topics topics) {
    return List.of(
        allow(principal, AclOperation.WRITE, ResourceType.TOPIC, topics.requests(), PatternType.LITERAL),
        allow(principal, AclOperation.READ, ResourceType.TOPIC, topics.replies(), PatternType.LITERAL));
  }

  /** An auditor: read the audit topic (the CLI assigns partitions: no consumer group). */
  public static List<AclBinding> auditor(final String principal, final Topics topics) {
    return List.of(allow(principal, AclOperation.READ, ResourceType.TOPIC, topics.audit(), PatternType.LITERAL));
  }

  /** One line per ACL, as docs/security.md writes it: {@code User:x ALLOW READ TOPIC rng.requests.v1 (LITERAL)}. */
  public static String describe(final AclBinding acl) {
    return acl.entry().principal() + " " + acl.entry().permissionType() + " " + acl.entry().operation() + " "
        + acl.pattern().resourceType() + " " + acl.pattern().name() + " (" + acl.pattern().patternType() + ")";
  }

  private static AclBinding allow(final String principal, final AclOperation operation, final ResourceType type,
      final String name, final PatternType patternType) {
    return new AclBinding(new ResourcePattern(type, name, patternType),
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }
}
