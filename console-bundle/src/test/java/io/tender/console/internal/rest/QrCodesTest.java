package io.tender.console.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QrCodesTest {

    @Test
    void theSvgDrawsExactlyTheDarkModulesOfTheCode() throws Exception {
        String url = "http://localhost:8080/pay/link/lnk_abcdefghijklmnopqrstuvwx";
        String svg = QrCodes.svg(url);
        BitMatrix matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        BitMatrix drawn = new BitMatrix(matrix.getWidth(), matrix.getHeight());
        Matcher module = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        while (module.find()) {
            drawn.set(Integer.parseInt(module.group(1)), Integer.parseInt(module.group(2)));
        }
        assertThat(svg).startsWith("<svg").contains("viewBox=\"0 0 " + matrix.getWidth() + " " + matrix.getHeight() + "\"");
        assertThat(drawn).isEqualTo(matrix);
    }
}
