package org.locationvisits.source;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;

/**
 * What a Connect worker would commit for records of which only some are acknowledged, computed by the worker's own
 * class ({@code org.apache.kafka.connect.runtime.SubmittedRecords}, connect-runtime 4.3.1): per source partition,
 * the offset of the longest acknowledged prefix of that partition's records.
 */
final class WorkerOffsets {
    private WorkerOffsets() {
    }

    @SuppressWarnings("unchecked")
    static Map<Map<String, Object>, Map<String, Object>> committed(List<SourceRecord> records, int... acknowledged) {
        try {
            Class<?> type = Class.forName("org.apache.kafka.connect.runtime.SubmittedRecords");
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            Object submitted = constructor.newInstance();
            Method submit = type.getDeclaredMethod("submit", SourceRecord.class);
            submit.setAccessible(true);
            List<Object> handles = new ArrayList<>();
            for (SourceRecord record : records) {
                handles.add(submit.invoke(submitted, record));
            }
            for (int i : acknowledged) {
                Method ack = handles.get(i).getClass().getDeclaredMethod("ack");
                ack.setAccessible(true);
                ack.invoke(handles.get(i));
            }
            Method committable = type.getDeclaredMethod("committableOffsets");
            committable.setAccessible(true);
            Object offsets = committable.invoke(submitted);
            Method all = offsets.getClass().getDeclaredMethod("offsets");
            all.setAccessible(true);
            return (Map<Map<String, Object>, Map<String, Object>>) all.invoke(offsets);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Connect's SubmittedRecords changed shape: " + e, e);
        }
    }
}
