package io.rngstream.securitytests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;

/** docs/security.md lists exactly the ACLs that LeastPrivilegeIT grants, line for line. */
class LeastPrivilegeAclsDocTest {
  @Test
  void securityDocListsEveryAclOfEveryRole() throws IOException {
    final String doc = Files.readString(Path.of("..", "docs", "security.md"), StandardCharsets.UTF_8);
    final LeastPrivilegeAcls.Topics topics = LeastPrivilegeAcls.Topics.defaults();
    final List<AclBinding> acls = new ArrayList<>();
    acls.addAll(LeastPrivilegeAcls.processor("User:rng-processor", "rng-processor", topics));
    acls.addAll(LeastPrivilegeAcls.requester("User:requester-1", topics));
    acls.addAll(LeastPrivilegeAcls.auditor("User:auditor-1", topics));
    final List<String> documented = doc.lines().map(String::strip)
        .filter(line -> line.startsWith("User:") && line.contains(" ALLOW ")).toList();
    assertThat(documented).containsExactlyInAnyOrderElementsOf(acls.stream().map(LeastPrivilegeAcls::describe).toList());
  }
}
