package io.rngstream.client.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StartPositionTest {
  @Test
  void readsPartitionsAndOffsets() {
    assertThat(StartPosition.parseOffsets("0:1200, 2:980").offsets()).isEqualTo(Map.of(0, 1200L, 2, 980L));
  }

  @Test
  void refusesWhatIsNotPartitionColonOffset() {
    assertThatThrownBy(() -> StartPosition.parseOffsets("0:12,x")).hasMessageContaining("'x' is not PARTITION:OFFSET");
    assertThatThrownBy(() -> StartPosition.parseOffsets("0:-1")).hasMessageContaining("'0:-1'");
    assertThatThrownBy(() -> StartPosition.parseOffsets("1:1,1:2")).hasMessageContaining("named twice");
  }
}
