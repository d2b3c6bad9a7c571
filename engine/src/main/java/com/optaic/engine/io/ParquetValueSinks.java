package com.optaic.engine.io;

import static com.optaic.engine.io.ParquetValueSink.plainBinary;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/** The sinks of the column kinds a panel file has: dates (as DATE or as text), numbers and labels. */
final class ParquetValueSinks {
    private ParquetValueSinks() {}

    /** Dates stored as DATE (epoch days). */
    static final class DaySink extends ParquetValueSink {
        private final int[] days;
        private int[] dictionaryDays;

        DaySink(int[] days) {
            this.days = days;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            dictionaryDays = new int[dictionary.getMaxId() + 1];
            for (int id = 0; id < dictionaryDays.length; id++) {
                dictionaryDays[id] = dictionary.decodeToInt(id);
            }
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            days[row] = dictionaryDays[dictionaryId];
        }

        @Override
        public void addInt(int value) {
            days[row] = value;
        }

        @Override
        boolean setNull() {
            return false;
        }

        @Override
        void putIds(int start, int rows, int[] presence, int[] ids) {
            if (presence == null) {
                for (int r = 0; r < rows; r++) {
                    days[start + r] = dictionaryDays[ids[r]];
                }
                return;
            }
            int[] next = {0};
            forEachRow(start, rows, presence, row -> days[row] = dictionaryDays[ids[next[0]++]]);
        }

        @Override
        void putPlain(int start, int rows, int[] presence, ByteBuffer plain) {
            if (presence == null) {
                plain.asIntBuffer().get(days, start, rows);
                return;
            }
            forEachRow(start, rows, presence, row -> days[row] = plain.getInt());
        }
    }

    /** Dates stored as text; the first unparsable one is kept for the error message. */
    static final class TextDaySink extends ParquetValueSink {
        private final int[] days;
        private int[] dictionaryDays;
        private Dictionary dictionary;
        private String badText;
        private int badRow;

        TextDaySink(int[] days) {
            this.days = days;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            this.dictionary = dictionary;
            dictionaryDays = new int[dictionary.getMaxId() + 1];
            for (int id = 0; id < dictionaryDays.length; id++) {
                dictionaryDays[id] =
                        TextValues.parseDay(dictionary.decodeToBinary(id).toStringUsingUTF8());
            }
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            store(dictionaryDays[dictionaryId], dictionaryId, null);
        }

        @Override
        public void addBinary(Binary value) {
            store(TextValues.parseDay(value.toStringUsingUTF8()), -1, value);
        }

        private void store(int day, int dictionaryId, Binary text) {
            days[row] = day;
            if (day == TextValues.NOT_A_DATE && badText == null) {
                badText = (text != null ? text : dictionary.decodeToBinary(dictionaryId)).toStringUsingUTF8();
                badRow = row;
            }
        }

        @Override
        boolean setNull() {
            return false;
        }

        @Override
        void putIds(int start, int rows, int[] presence, int[] ids) {
            int[] next = {0};
            forEachRow(start, rows, presence, row -> addValueFromDictionary(ids[next[0]++]));
        }

        @Override
        void putPlain(int start, int rows, int[] presence, ByteBuffer plain) {
            forEachRow(start, rows, presence, row -> addBinary(plainBinary(plain)));
        }

        @Override
        void checkValues(LongTable.Chunk chunk, String name) {
            super.checkValues(chunk, name);
            if (badText != null) {
                throw new OptaicException(
                        EngineErrorCode.BAD_VALUE,
                        chunk.where(badRow) + ": '" + badText + "' is not a date (expected yyyy-MM-dd)");
            }
        }
    }

    /** Numbers of any numeric physical type as doubles, nulls as NaN. */
    static final class NumberSink extends ParquetValueSink {
        private final double[] values;
        private final PrimitiveTypeName type;
        private double[] dictionaryValues;

        NumberSink(double[] values, PrimitiveTypeName type) {
            this.values = values;
            this.type = type;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            dictionaryValues = new double[dictionary.getMaxId() + 1];
            for (int id = 0; id < dictionaryValues.length; id++) {
                dictionaryValues[id] = switch (type) {
                    case DOUBLE -> dictionary.decodeToDouble(id);
                    case FLOAT -> dictionary.decodeToFloat(id);
                    case INT32 -> dictionary.decodeToInt(id);
                    case INT64 -> dictionary.decodeToLong(id);
                    case BOOLEAN -> dictionary.decodeToBoolean(id) ? 1 : 0;
                    default -> throw new IllegalStateException("not a numeric column: " + type);
                };
            }
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            values[row] = dictionaryValues[dictionaryId];
        }

        @Override
        public void addDouble(double value) {
            values[row] = value;
        }

        @Override
        public void addFloat(float value) {
            values[row] = value;
        }

        @Override
        public void addInt(int value) {
            values[row] = value;
        }

        @Override
        public void addLong(long value) {
            values[row] = value;
        }

        @Override
        public void addBoolean(boolean value) {
            values[row] = value ? 1 : 0;
        }

        @Override
        boolean setNull() {
            values[row] = Double.NaN;
            return true;
        }

        @Override
        void putIds(int start, int rows, int[] presence, int[] ids) {
            if (presence == null) {
                for (int r = 0; r < rows; r++) {
                    values[start + r] = dictionaryValues[ids[r]];
                }
                return;
            }
            for (int r = 0, next = 0; r < rows; r++) {
                values[start + r] = presence[r] != 0 ? dictionaryValues[ids[next++]] : Double.NaN;
            }
        }

        @Override
        void putPlain(int start, int rows, int[] presence, ByteBuffer plain) {
            if (type == PrimitiveTypeName.DOUBLE) {
                if (presence == null) {
                    plain.asDoubleBuffer().get(values, start, rows);
                } else {
                    for (int r = 0; r < rows; r++) {
                        values[start + r] = presence[r] != 0 ? plain.getDouble() : Double.NaN;
                    }
                }
                return;
            }
            for (int r = 0; r < rows; r++) {
                if (presence != null && presence[r] == 0) {
                    values[start + r] = Double.NaN;
                    continue;
                }
                values[start + r] = switch (type) {
                    case FLOAT -> plain.getFloat();
                    case INT32 -> plain.getInt();
                    case INT64 -> plain.getLong();
                    default -> throw new IllegalStateException("not a plain numeric column: " + type);
                };
            }
        }
    }

    /** Labels (asset ids, group labels) as chunk-local codes in order of first appearance. */
    static final class LabelSink extends ParquetValueSink {
        private final int[] codes;
        private final PrimitiveTypeName type;
        private final boolean nullable;
        private final Map<Object, Integer> codeOf = new HashMap<>();
        private final List<String> labels = new ArrayList<>();
        private int[] dictionaryCodes;

        LabelSink(int[] codes, PrimitiveTypeName type, boolean nullable) {
            this.codes = codes;
            this.type = type;
            this.nullable = nullable;
        }

        String[] labels() {
            return labels.toArray(new String[0]);
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            dictionaryCodes = new int[dictionary.getMaxId() + 1];
            for (int id = 0; id < dictionaryCodes.length; id++) {
                dictionaryCodes[id] = switch (type) {
                    case BINARY, FIXED_LEN_BYTE_ARRAY -> code(dictionary.decodeToBinary(id));
                    case INT32 -> code(dictionary.decodeToInt(id));
                    case INT64 -> code(dictionary.decodeToLong(id));
                    case FLOAT -> code(dictionary.decodeToFloat(id));
                    case DOUBLE -> code(dictionary.decodeToDouble(id));
                    case BOOLEAN -> code(dictionary.decodeToBoolean(id));
                    default -> throw new IllegalStateException("not a label column: " + type);
                };
            }
        }

        private int code(Object value) {
            Integer code = codeOf.get(value);
            if (code == null) {
                code = labels.size();
                Object key = value instanceof Binary binary ? binary.copy() : value;
                codeOf.put(key, code);
                labels.add(value instanceof Binary binary ? binary.toStringUsingUTF8() : labelOf(value));
            }
            return code;
        }

        private static String labelOf(Object value) {
            if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            if (value instanceof Float f && f == Math.rint(f) && Math.abs(f) < 1e7) {
                return Long.toString(f.longValue());
            }
            return String.valueOf(value);
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            codes[row] = dictionaryCodes[dictionaryId];
        }

        @Override
        public void addBinary(Binary value) {
            codes[row] = code(value);
        }

        @Override
        public void addInt(int value) {
            codes[row] = code(value);
        }

        @Override
        public void addLong(long value) {
            codes[row] = code(value);
        }

        @Override
        public void addFloat(float value) {
            codes[row] = code(value);
        }

        @Override
        public void addDouble(double value) {
            codes[row] = code(value);
        }

        @Override
        public void addBoolean(boolean value) {
            codes[row] = code(value);
        }

        @Override
        boolean setNull() {
            codes[row] = -1;
            return nullable;
        }

        @Override
        void putIds(int start, int rows, int[] presence, int[] ids) {
            if (presence == null) {
                for (int r = 0; r < rows; r++) {
                    codes[start + r] = dictionaryCodes[ids[r]];
                }
                return;
            }
            int[] next = {0};
            forEachRow(start, rows, presence, row -> codes[row] = dictionaryCodes[ids[next[0]++]]);
        }

        @Override
        void putPlain(int start, int rows, int[] presence, ByteBuffer plain) {
            forEachRow(
                    start,
                    rows,
                    presence,
                    row -> codes[row] = switch (type) {
                        case BINARY -> code(plainBinary(plain));
                        case INT32 -> code(plain.getInt());
                        case INT64 -> code(plain.getLong());
                        case FLOAT -> code(plain.getFloat());
                        case DOUBLE -> code(plain.getDouble());
                        default -> throw new IllegalStateException("not a plain label column: " + type);
                    });
        }
    }
}
