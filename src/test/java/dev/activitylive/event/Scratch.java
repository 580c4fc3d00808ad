package dev.activitylive.event;
import java.util.List;
public class Scratch {
  public static void main(String[] a) {
    System.out.println(ActivityEventJson.write(ActivityEvents.memoryOperation(new MemoryOperationData(MemoryOperation.STORE, "m1", "u1", null, true, 12.0))));
    System.out.println(ActivityEventJson.write(ActivityEvents.memoryOperation(new MemoryOperationData(MemoryOperation.STORE, "m1", "u1", null, true, 12.5))));
    System.out.println(ActivityEventJson.write(ActivityEvents.reasoningUpdate(new ReasoningUpdateData("s", "st", 50, List.of("a","b"), null))));
    System.out.println(ActivityEventJson.write(ActivityEvents.loadChange(new LoadChangeData(0.5, 3, 10, 2, VisualIntensity.HIGH))));
    System.out.println(ActivityEventJson.write(ActivityEvents.heartbeat("pong")));
    System.out.println(ActivityEventJson.write(ActivityEvents.system(new SystemEventData(SystemEventKind.HEALTH_CHANGE, null, "x"))));
  }
}
