package org.locationvisits.avro;

import java.io.IOException;
import org.apache.avro.io.Encoder;
import org.apache.avro.util.Utf8;

/** Writes one schema field of one visit; the encoder runs one step per schema field, in schema order. */
interface FieldStep {
    void write(LocationVisit v, Encoder out) throws IOException;

    /** A field we do not know: its schema default, encoded once at start-up. */
    record Constant(byte[] bytes) implements FieldStep {
        @Override
        public void write(LocationVisit v, Encoder out) throws IOException {
            out.writeFixed(bytes);
        }
    }

    /**
     * A field of ours. {@code valueBranch} and {@code nullBranch} are the union indexes of the
     * branch holding our value and of the null branch, or -1 when the type is no union / has no null.
     */
    abstract class Known implements FieldStep {
        final LocationVisitField field;
        private final RecordGeneration generation;
        private final int valueBranch;
        private final int nullBranch;
        private final String declaredType;

        Known(LocationVisitField field, RecordGeneration generation, int valueBranch, int nullBranch,
              String declaredType) {
            this.field = field;
            this.generation = generation;
            this.valueBranch = valueBranch;
            this.nullBranch = nullBranch;
            this.declaredType = declaredType;
        }

        @Override
        public final void write(LocationVisit v, Encoder out) throws IOException {
            Object value = field.get(v, generation);
            if (value == null) {
                if (nullBranch < 0) {
                    throw new SchemaException("Cannot encode visit " + v.key() + ": field '" + field.fieldName()
                            + "' has no value but the schema declares it " + declaredType
                            + ", which is not nullable. Make it nullable in the schema (a union with \"null\").");
                }
                out.writeIndex(nullBranch);
                return;
            }
            if (valueBranch >= 0) {
                out.writeIndex(valueBranch);
            }
            writeValue(value, out);
        }

        abstract void writeValue(Object value, Encoder out) throws IOException;
    }

    /**
     * Keeps the UTF-8 form of the last value: site ID and poll date repeat for many rows in a row,
     * so most records reuse it instead of encoding the string again.
     */
    final class StringField extends Known {
        private String lastValue;
        private Utf8 lastUtf8;

        StringField(LocationVisitField field, RecordGeneration generation, int valueBranch, int nullBranch,
                String declaredType) {
            super(field, generation, valueBranch, nullBranch, declaredType);
        }

        @Override
        void writeValue(Object value, Encoder out) throws IOException {
            String s = (String) value;
            if (!s.equals(lastValue)) {
                lastUtf8 = new Utf8(s);
                lastValue = s;
            }
            out.writeString(lastUtf8);
        }
    }

    final class IntField extends Known {
        IntField(LocationVisitField field, RecordGeneration generation, int valueBranch, int nullBranch,
                String declaredType) {
            super(field, generation, valueBranch, nullBranch, declaredType);
        }

        @Override
        void writeValue(Object value, Encoder out) throws IOException {
            out.writeInt((Integer) value);
        }
    }

    /** Our int in a field declared long: Avro's int and long share the zig-zag varint encoding. */
    final class LongField extends Known {
        LongField(LocationVisitField field, RecordGeneration generation, int valueBranch, int nullBranch,
                String declaredType) {
            super(field, generation, valueBranch, nullBranch, declaredType);
        }

        @Override
        void writeValue(Object value, Encoder out) throws IOException {
            out.writeLong((Integer) value);
        }
    }

    final class BooleanField extends Known {
        BooleanField(LocationVisitField field, RecordGeneration generation, int valueBranch, int nullBranch,
                String declaredType) {
            super(field, generation, valueBranch, nullBranch, declaredType);
        }

        @Override
        void writeValue(Object value, Encoder out) throws IOException {
            out.writeBoolean((Boolean) value);
        }
    }
}
